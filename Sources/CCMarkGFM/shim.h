// cmark-gfm, the CommonMark parser GitHub renders Markdown with, and its GitHub extensions
// (tables, strikethrough, autolinks, task lists, the tag filter).
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>

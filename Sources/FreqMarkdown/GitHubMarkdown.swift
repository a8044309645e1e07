import Foundation
import CCMarkGFM
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// GitHub-flavoured Markdown to HTML with cmark-gfm, the renderer GitHub itself uses,
/// made safe for a page anyone's text ends up in:
///
/// - raw HTML is never passed through (cmark-gfm's safe mode writes
///   `<!-- raw HTML omitted -->` instead, and the tag filter extension is on too);
/// - links whose scheme can run code (`javascript:`, `vbscript:`, `file:`, `data:`) lose
///   their address (safe mode);
/// - images become links to the image, so a page never loads anything from another host
///   (GitHub proxies such images; a static site has no proxy).
public enum GitHubMarkdown {
    /// The HTML of `markdown`. Headings go `headingOffset` levels down (at most to `h6`),
    /// so a body placed under a page's own headings keeps the outline. `rewriteLink` may
    /// replace a link's address (a relative link to another request's file becomes a link to
    /// its page); nil keeps it.
    public static func html(_ markdown: String, headingOffset: Int = 0, rewriteLink: (String) -> String? = { _ in nil }) -> String {
        _ = coreExtensionsRegistered
        let options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_GITHUB_PRE_LANG | CMARK_OPT_FOOTNOTES
        guard let parser = cmark_parser_new(options) else { return "" }
        defer { cmark_parser_free(parser) }
        var bytes = Array(markdown.utf8)
        // cmark-gfm keeps the inline extensions' special characters (`~` of strikethrough,
        // the autolink's) in one global table that each parse sets and clears again
        // (github/cmark-gfm#221): two parses at once lose them. Pages render on every
        // core, so parsing takes turns; rendering the tree does not touch the table.
        let parsed: OpaquePointer? = parseLock.withLock {
            for name in ["table", "strikethrough", "autolink", "tagfilter", "tasklist"] {
                if let extensionHandle = cmark_find_syntax_extension(name) {
                    cmark_parser_attach_syntax_extension(parser, extensionHandle)
                }
            }
            bytes.withUnsafeMutableBufferPointer { buffer in
                buffer.baseAddress.map { base in
                    base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { cmark_parser_feed(parser, $0, buffer.count) }
                }
            }
            return cmark_parser_finish(parser)
        }
        guard let document = parsed else { return "" }
        defer { cmark_node_free(document) }
        rewrite(document, headingOffset: headingOffset, rewriteLink: rewriteLink)
        guard let rendered = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) else { return "" }
        defer { free(rendered) }
        return String(cString: rendered)
    }

    /// Turns every image into a link and applies `rewriteLink`, after the walk (a node
    /// replaced during an iteration would leave the iterator on a freed node).
    private static func rewrite(_ document: OpaquePointer, headingOffset: Int, rewriteLink: (String) -> String?) {
        var images: [OpaquePointer] = []
        var links: [OpaquePointer] = []
        guard let iterator = cmark_iter_new(document) else { return }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_IMAGE: images.append(node)
            case CMARK_NODE_LINK: links.append(node)
            case CMARK_NODE_HEADING where headingOffset > 0:
                cmark_node_set_heading_level(node, min(6, cmark_node_get_heading_level(node) + Int32(headingOffset)))
            default: break
            }
        }
        cmark_iter_free(iterator)
        for link in links {
            guard let url = cmark_node_get_url(link).map({ String(cString: $0) }), let replacement = rewriteLink(url) else { continue }
            cmark_node_set_url(link, replacement)
        }
        for image in images {
            guard let link = cmark_node_new(CMARK_NODE_LINK) else { continue }
            if let url = cmark_node_get_url(image) {
                let address = String(cString: url)
                cmark_node_set_url(link, rewriteLink(address) ?? address)
            }
            if let title = cmark_node_get_title(image) { cmark_node_set_title(link, title) }
            // The alt text (the image's children) becomes the link's text.
            while let child = cmark_node_first_child(image) {
                cmark_node_unlink(child)
                cmark_node_append_child(link, child)
            }
            if cmark_node_first_child(link) == nil, let text = cmark_node_new(CMARK_NODE_TEXT) {
                cmark_node_set_literal(text, "image")
                cmark_node_append_child(link, text)
            }
            cmark_node_replace(image, link)
            cmark_node_free(image)
        }
    }
}

/// One parse at a time (see `html`).
private let parseLock = NSLock()

/// The core extensions register once per process (a global is initialised once, safely).
private let coreExtensionsRegistered: Void = cmark_gfm_core_extensions_ensure_registered()

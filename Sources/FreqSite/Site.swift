public enum SitePlaceholder {}

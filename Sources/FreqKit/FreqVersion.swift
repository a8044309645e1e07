/// The tool's version; also part of the history cache key.
public enum FreqVersion {
    public static let string = "0.1.0"
}

namespace SanChaos.Reporting.Allure;

/// <summary>The MIME type Allure shows an attachment by, from the file's name.</summary>
internal static class MimeTypes
{
    public static string Of(string file) => Path.GetExtension(file).ToLowerInvariant() switch
    {
        ".png" => "image/png",
        ".svg" => "image/svg+xml",
        ".csv" => "text/csv",
        ".tsv" => "text/tab-separated-values",
        ".json" => "application/json",
        ".html" or ".htm" => "text/html",
        ".md" => "text/markdown",
        ".xml" => "application/xml",
        ".pcap" or ".pcapng" => "application/vnd.tcpdump.pcap",
        ".log" or ".txt" or ".jsonl" or ".yaml" or ".yml" or ".conf" or ".cf" or ".res" or ".out" or "" => "text/plain",
        _ => "application/octet-stream",
    };
}

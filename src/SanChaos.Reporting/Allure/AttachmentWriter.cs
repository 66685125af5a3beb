using System.Globalization;
using SanChaos.Reporting.Allure.Model;

namespace SanChaos.Reporting.Allure;

/// <summary>Copies or writes one result's attachments into the results folder as <c>&lt;uuid&gt;-&lt;n&gt;-attachment.&lt;ext&gt;</c>
/// (the names Allure's reader takes for attachments) and returns their references.</summary>
internal sealed class AttachmentWriter(string resultsDirectory, string uuid, long maxBytes, List<string> warnings)
{
    private int _n;

    public int Written { get; private set; }

    /// <summary>Copies <paramref name="file"/>; null (and a warning) when it is too large or unreadable.</summary>
    public AllureAttachment? File(string title, string file, string? mime = null)
    {
        try
        {
            var size = new FileInfo(file).Length;
            if (size > maxBytes)
            {
                warnings.Add($"{file}: {size.ToString(CultureInfo.InvariantCulture)} bytes, over the {maxBytes.ToString(CultureInfo.InvariantCulture)}-byte limit: not attached");
                return null;
            }

            var target = Next(Path.GetExtension(file));
            System.IO.File.Copy(file, Path.Combine(resultsDirectory, target), overwrite: true);
            return new AllureAttachment(title, target, mime ?? MimeTypes.Of(file));
        }
        catch (IOException e)
        {
            warnings.Add($"{file}: not attached: {e.Message}");
            return null;
        }
    }

    /// <summary>Writes <paramref name="content"/> as an attachment.</summary>
    public AllureAttachment Text(string title, string content, string extension, string mime)
    {
        var target = Next(extension);
        System.IO.File.WriteAllText(Path.Combine(resultsDirectory, target), content);
        return new AllureAttachment(title, target, mime);
    }

    /// <summary>A fresh path for a file this writer renders itself (a chart), without extension; <see cref="Adopt"/> it after.</summary>
    public string Stem() => Path.Combine(resultsDirectory, $"{uuid}-{++_n}-attachment");

    /// <summary>The reference of a file rendered at a <see cref="Stem"/>.</summary>
    public AllureAttachment Adopt(string title, string path)
    {
        Written++;
        return new AllureAttachment(title, Path.GetFileName(path), MimeTypes.Of(path));
    }

    private string Next(string extension)
    {
        Written++;
        return $"{uuid}-{++_n}-attachment{extension}";
    }
}

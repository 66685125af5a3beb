using System.Text;

namespace SanChaos.Core.Secrets;

/// <summary>
/// Writes files that hold secrets (the embedded lab's PDU password, a collected <c>authkeys</c> or <c>iscsid.conf</c>)
/// so that nobody but their owner can read them at any moment: the content goes into a new temporary file beside the
/// target that is created with mode 600 (<see cref="FileStreamOptions.UnixCreateMode"/>; the umask can only narrow it),
/// which is then renamed over the target. A folder that does not exist is created with mode 700.
/// </summary>
public static class SecretFile
{
    /// <summary>The mode of a secret file: 600 (read and write for its owner only).</summary>
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>The mode of a folder created for one: 700.</summary>
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Writes <paramref name="content"/> (UTF-8, no byte order mark) to <paramref name="path"/>, replacing it atomically.</summary>
    /// <exception cref="IOException">The folder or file cannot be written (the temporary file is removed).</exception>
    /// <exception cref="UnauthorizedAccessException">This user may not write there.</exception>
    public static void Write(string path, string content)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(content);
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(dir)) Directory.CreateDirectory(dir, FolderMode);
        var tmp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(tmp, new FileStreamOptions
                   {
                       Mode = FileMode.CreateNew,
                       Access = FileAccess.Write,
                       Share = FileShare.None,
                       UnixCreateMode = Mode,
                   }))
            {
                stream.Write(new UTF8Encoding(false).GetBytes(content));
                stream.Flush(flushToDisk: true);
            }

            File.Move(tmp, full, overwrite: true);
        }
        catch
        {
            File.Delete(tmp);
            throw;
        }
    }
}

using SanChaos.Config.Parsing;
using SanChaos.Core.Secrets;
using SanChaos.Inventory.Model;

namespace SanChaos.Config.Sources;

/// <summary>
/// Reads and writes the configuration layout on disk: one subfolder per node, named after the node, holding the
/// files under their usual names (see <see cref="ConfigLayout"/>). A node folder's <c>.modes</c> (lines of
/// <c>stat -c '%a %n'</c>) gives the modes of the files it lists; other files take their mode from the file system. A
/// <c>.lab-kind</c> file beside the node folders says what the lab runs on (<see cref="ConfigLayout.LabKindFile"/>).
/// </summary>
public static class ConfigFolder
{
    /// <summary>Reads <paramref name="folder"/>; throws <see cref="ConfigInputException"/> naming what is wrong.</summary>
    public static CollectedConfig Load(string folder)
    {
        if (!Directory.Exists(folder))
            throw new ConfigInputException($"{folder}: no such folder.",
                "give a folder with one subfolder per node (otter/, weasel/, badger/) holding ha.cf, drbd.conf, multipath.conf..., or a lab inventory (lab/embedded.yaml).");
        var nodeDirs = Directory.GetDirectories(folder).Where(d => !Path.GetFileName(d).StartsWith('.')).Order(StringComparer.Ordinal).ToArray();
        if (nodeDirs.Length == 0)
            throw new ConfigInputException($"{folder}: no node folders in it.",
                File.Exists(Path.Combine(folder, "ha.cf")) || File.Exists(Path.Combine(folder, "multipath.conf"))
                    ? $"this looks like one node's folder: give its parent ({Path.GetDirectoryName(Path.GetFullPath(folder))}), whose subfolders are named after the nodes."
                    : "put each node's files in a subfolder named after the node (otter/ha.cf, weasel/ha.cf, badger/multipath.conf).");
        var nodes = nodeDirs.Select(LoadNode).ToArray();
        if (!nodes.Any(n => n.Files.Any(f => ConfigLayout.Knows(f.Path))))
            throw new ConfigInputException($"{folder}: none of its subfolders ({string.Join(", ", nodes.Select(n => n.Name))}) holds a configuration file.",
                $"give the folder whose subfolders are the nodes, each holding files named as on a node: {string.Join(", ", ConfigLayout.Entries.Select(e => e.FolderPath))}.");
        return new CollectedConfig(folder, nodes) { Kind = ReadKind(Path.Combine(folder, ConfigLayout.LabKindFile)) };
    }

    /// <summary>
    /// Writes <paramref name="config"/> as a folder per node, with a <c>.modes</c> file where modes are known. A file its node
    /// keeps from group and others (authkeys, iscsid.conf with CHAP secrets: mode 600) is written with mode 600 from the
    /// start (<see cref="SecretFile"/>).
    /// </summary>
    public static void Write(CollectedConfig config, string folder)
    {
        foreach (var node in config.Nodes)
        {
            var dir = Path.Combine(folder, node.Name);
            Directory.CreateDirectory(dir);
            foreach (var f in node.Files)
            {
                var path = Path.Combine(dir, f.Path);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                if (f.Mode is { } mode && (mode & PrivateMask) == 0) SecretFile.Write(path, f.Text);
                else File.WriteAllText(path, f.Text);
            }

            var modes = node.Files.Where(f => f.Mode is not null).Select(f => $"{f.ModeText} {f.Path}").ToArray();
            if (modes.Length > 0) File.WriteAllLines(Path.Combine(dir, ConfigLayout.ModesFile), modes);
        }

        if (config.Kind is { } kind) File.WriteAllText(Path.Combine(folder, ConfigLayout.LabKindFile), kind.ToString().ToLowerInvariant() + "\n");
    }

    /// <summary>The lab kind in <paramref name="path"/> (one word, as the inventory's <c>lab: kind:</c>), or null when there is no such file.</summary>
    private static LabKind? ReadKind(string path)
    {
        if (!File.Exists(path)) return null;
        var word = File.ReadAllText(path).Trim();
        return Enum.TryParse<LabKind>(word, ignoreCase: true, out var kind) && !int.TryParse(word, out _) ? kind
            : throw new ConfigInputException($"{path}:1: '{word}' is not a lab kind.",
                $"write one of {string.Join(", ", Enum.GetNames<LabKind>().Select(n => n.ToLowerInvariant()))} (as the inventory's `lab: kind:`), or delete the file.");
    }

    /// <summary>The mode bits of group and others: a node file with none of them is private.</summary>
    private const UnixFileMode PrivateMask = (UnixFileMode)0x3F;

    private static CollectedNode LoadNode(string dir)
    {
        var name = Path.GetFileName(dir);
        var modes = ReadModes(Path.Combine(dir, ConfigLayout.ModesFile));
        var files = Directory.GetFiles(dir, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(dir, p).Replace('\\', '/'))
            .Where(rel => rel != ConfigLayout.ModesFile && !Path.GetFileName(rel).StartsWith("README", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(rel => new ConfigFile(name, rel, File.ReadAllText(Path.Combine(dir, rel)),
                modes.TryGetValue(rel, out var m) ? m : File.GetUnixFileMode(Path.Combine(dir, rel)) & (UnixFileMode)0x1FF))
            .ToArray();
        return new CollectedNode(name, null, files);
    }

    private static Dictionary<string, UnixFileMode> ReadModes(string path)
    {
        var result = new Dictionary<string, UnixFileMode>(StringComparer.Ordinal);
        if (!File.Exists(path)) return result;
        var lines = TextLines.Split(File.ReadAllText(path));
        for (var i = 0; i < lines.Count; i++)
        {
            var t = lines[i].Trim();
            if (t.Length == 0 || t.StartsWith('#')) continue;
            var space = t.IndexOf(' ');
            if (space <= 0 || !TryOctal(t[..space], out var mode))
                throw new ConfigInputException($"{path}:{i + 1}: '{t}' is not a mode line.",
                    "write one file a line as `stat -c '%a %n'` prints it, path relative to the node folder: `600 authkeys`.");
            result[t[(space + 1)..].Trim()] = mode;
        }

        return result;
    }

    private static bool TryOctal(string text, out UnixFileMode mode)
    {
        mode = 0;
        if (text.Length is 0 or > 4 || text.Any(c => c is < '0' or > '7')) return false;
        mode = (UnixFileMode)text.Aggregate(0, (acc, c) => acc * 8 + (c - '0'));
        return true;
    }

    /// <summary>Reads octal mode digits (<c>600</c>) as written by <c>stat -c %a</c>.</summary>
    internal static UnixFileMode? ParseMode(string text) => TryOctal(text, out var m) ? m : null;
}

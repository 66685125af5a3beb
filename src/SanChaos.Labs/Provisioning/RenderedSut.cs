using SanChaos.Core.Errors;

namespace SanChaos.Labs.Provisioning;

/// <summary>Every node's configuration files for one inventory, as <see cref="SutRenderer"/> produced them.</summary>
/// <param name="Lab">Lab name.</param>
/// <param name="Wwid">The LUN WWID written into multipath.conf.</param>
/// <param name="Nodes">Files per node name, in inventory order.</param>
public sealed record RenderedSut(string Lab, string Wwid, IReadOnlyDictionary<string, IReadOnlyList<SutFile>> Nodes)
{
    /// <summary>The files of <paramref name="node"/>.</summary>
    public IReadOnlyList<SutFile> FilesFor(string node) => Nodes.TryGetValue(node, out var f) ? f
        : throw new SanChaosException($"Nothing was rendered for node '{node}' of lab {Lab}.", $"use one of: {string.Join(", ", Nodes.Keys)}.");

    /// <summary>The file at <paramref name="path"/> on <paramref name="node"/>.</summary>
    public SutFile File(string node, string path) => FilesFor(node).FirstOrDefault(f => f.Path == path)
        ?? throw new SanChaosException($"Node {node} gets no file {path}.", $"rendered: {string.Join(", ", FilesFor(node).Select(f => f.Path))}.");
}

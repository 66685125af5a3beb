namespace SanChaos.Inventory.Model;

/// <summary>
/// Where the harness listens to one storage network on a rack (the embedded lab listens on its own bridges): an
/// interface of this machine (<see cref="Host"/> null: a harness with a leg on the storage switch, or on its mirror
/// port), or an interface of a capture host reached over SSH, whose <c>tcpdump</c> streams the frames back.
/// </summary>
/// <param name="Network">The storage network (inventory name).</param>
/// <param name="Host">The inventory node that captures, or null for this machine.</param>
/// <param name="Interface">The interface to open (on this machine or on <paramref name="Host"/>).</param>
/// <param name="Location">Where it was declared.</param>
public sealed record CaptureSpec(string Network, string? Host, string Interface, SourceLocation Location);

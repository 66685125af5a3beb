using SanChaos.Inventory.Model;

namespace SanChaos.Faults;

/// <summary>
/// The safety interlocks every injection passes (<see cref="FaultSet.InjectAsync"/> calls <see cref="CheckInjectable"/>):
/// faults only on an inventory marked <c>disposable: true</c>, and only on nodes, switches, PDU outlets, interfaces
/// and the serial cable that inventory declares. Heals are never refused.
/// </summary>
public static class FaultGuard
{
    /// <summary>Throws <see cref="FaultRefusedException"/> unless <paramref name="fault"/> may be injected into the lab of <paramref name="inventory"/>.</summary>
    /// <param name="inventory">The lab's validated inventory.</param>
    /// <param name="fault">The fault about to be injected.</param>
    /// <exception cref="FaultRefusedException">The lab is not disposable, or the fault touches something undeclared.</exception>
    public static void CheckInjectable(LabInventory inventory, IFault fault)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(fault);
        if (!inventory.Disposable)
            throw new FaultRefusedException(fault.Name,
                $"The lab {inventory.Name} ({inventory.SourcePath}) is not marked disposable, so SanChaos refuses to inject '{fault.Name}': faults cut real power, cables and daemons.",
                $"Only if nothing on this lab holds data anyone needs, set `disposable: true` under `lab:` in {inventory.SourcePath}; otherwise drill a disposable lab (lab/embedded.yaml).");
        var problems = Undeclared(inventory, fault.Targets);
        if (problems.Count > 0)
            throw new FaultRefusedException(fault.Name,
                $"'{fault.Name}' would touch what the lab {inventory.Name} ({inventory.SourcePath}) does not declare, so it is refused:" +
                Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "- " + p)),
                $"Fix the fault's target, or declare it in {inventory.SourcePath} (nodes: ... interfaces:, switches:, pdus: ... outlets:, serial:), then run `sanchaos inventory check`.");
    }

    /// <summary>One sentence per target the inventory does not declare; empty when all are declared.</summary>
    /// <param name="inventory">The lab's inventory.</param>
    /// <param name="targets">The targets to check.</param>
    public static IReadOnlyList<string> Undeclared(LabInventory inventory, IEnumerable<FaultTarget> targets)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(targets);
        var problems = new List<string>();
        string Nodes() => string.Join(", ", inventory.Nodes.Select(n => n.Name));
        foreach (var t in targets)
        {
            switch (t.Kind)
            {
                case FaultTargetKind.Node:
                    if (!HasNode(inventory, t.Device)) problems.Add($"{t}: no such node (declared: {Nodes()}).");
                    break;
                case FaultTargetKind.Switch:
                    if (inventory.Switches.All(s => s.Name != t.Device))
                        problems.Add($"{t}: no such switch (declared: {List(inventory.Switches.Select(s => s.Name))}).");
                    break;
                case FaultTargetKind.Interface:
                    var node = inventory.Nodes.FirstOrDefault(n => n.Name == t.Device);
                    if (node is null) problems.Add($"{t}: no such node (declared: {Nodes()}).");
                    else if (node.Interfaces.All(i => i.Name != t.Nic))
                        problems.Add($"{t}: {node.Name} (declared at {node.Location}) has no interface {t.Nic} (it has {List(node.Interfaces.Select(i => i.Name))}).");
                    break;
                case FaultTargetKind.PduOutlet:
                    var pdu = inventory.Pdus.FirstOrDefault(p => p.Name == t.Pdu);
                    if (pdu is null)
                    {
                        problems.Add($"{t}: no such PDU (declared: {List(inventory.Pdus.Select(p => p.Name))}).");
                        break;
                    }

                    var outlet = pdu.Outlets.FirstOrDefault(o => o.Outlet == t.Outlet);
                    if (outlet is null) problems.Add($"{t}: PDU {pdu.Name} (declared at {pdu.Location}) has no outlet {t.Outlet} in the inventory.");
                    else if (outlet.Feeds != t.Device)
                        problems.Add($"{t}: outlet {t.Outlet} of PDU {pdu.Name} feeds '{outlet.Feeds}', not '{t.Device}' ({outlet.Location}).");
                    break;
                case FaultTargetKind.SerialCable:
                    if (inventory.Serial is null) problems.Add($"{t}: the inventory declares no serial cable (no `serial:` section).");
                    else if (!inventory.Serial.Ends.Contains(t.Device) || !inventory.Serial.Ends.Contains(t.Peer))
                        problems.Add($"{t}: the serial cable joins {string.Join(" and ", inventory.Serial.Ends)} ({inventory.Serial.Location}).");
                    break;
                default:
                    problems.Add($"{t}: unknown target kind {t.Kind}.");
                    break;
            }
        }

        return problems;
    }

    private static bool HasNode(LabInventory inventory, string name) => inventory.Nodes.Any(n => n.Name == name);

    private static string List(IEnumerable<string> names)
    {
        var s = string.Join(", ", names);
        return s.Length == 0 ? "none" : s;
    }
}

using System.CommandLine;

namespace SanChaos.Cli.Commands;

/// <summary><c>sanchaos lab up|status|down</c>.</summary>
internal static class LabCommands
{
    public static Command Build()
    {
        var lab = new Command("lab", "Bring the lab named by $SANCHAOS_LAB (default lab/embedded.yaml) up, show its state, take it down.");
        foreach (var (verb, what) in new[] { ("up", "Build or reuse the image, boot, provision, wait for steady state."),
                     ("status", "Each node: up, DRBD role and disk state, resource holder, floating IPs, iSCSI sessions, multipath paths."),
                     ("down", "Stop everything the lab created and remove it (also reaps leftovers of killed runs).") })
        {
            var c = new Command(verb, what);
            c.SetAction(_ =>
            {
                Console.Error.WriteLine($"sanchaos lab {verb}: the embedded lab is not part of this build yet (issue 3).");
                return 3;
            });
            lab.Subcommands.Add(c);
        }

        return lab;
    }
}

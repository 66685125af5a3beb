using System.CommandLine;
using SanChaos.Core.Errors;
using SanChaos.Inventory.Loading;

namespace SanChaos.Cli.Commands;

/// <summary><c>sanchaos inventory check FILE...</c>: validate lab inventories.</summary>
internal static class InventoryCommands
{
    public static Command Build()
    {
        var files = new Argument<string[]>("file")
        {
            Description = "Inventory YAML files to validate (default: $SANCHAOS_LAB, else lab/embedded.yaml).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var check = new Command("check", "Validate lab inventory files; prints every error with file:line:column and what to write instead.")
        {
            files,
        };
        check.SetGuardedAction((parse, _) =>
        {
            var paths = parse.GetValue(files) is { Length: > 0 } given ? given : [InventoryLoader.ResolvePath(Environment.CurrentDirectory)];
            return Task.FromResult(Check(paths, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        });
        return new Command("inventory", "Lab inventories (lab/*.yaml).") { check };
    }

    /// <summary>Validates each file; returns 0 when all are valid, 1 otherwise.</summary>
    public static int Check(IEnumerable<string> paths, TextWriter stdout, TextWriter stderr)
    {
        var bad = 0;
        foreach (var path in paths)
        {
            string text;
            try
            {
                text = InventoryLoader.ReadText(path);
            }
            catch (SanChaosException e)
            {
                CliErrors.Report(e, stderr);
                bad++;
                continue;
            }

            var (inv, errors) = InventoryLoader.TryParse(path, text);
            if (errors.Count == 0 && inv is not null)
            {
                stdout.WriteLine($"{path}: ok — lab '{inv.Name}' ({inv.Kind.ToString().ToLowerInvariant()}, {(inv.Disposable ? "disposable" : "NOT disposable: faults refused")}): " +
                                 $"{inv.Nodes.Count} nodes, {inv.Networks.Count} networks, {inv.Switches.Count} switches, " +
                                 $"{inv.Pdus.Sum(p => p.Outlets.Count)} PDU outlets.");
                if (Inventory.Model.HostKeyWarning.For(inv) is { } warning) stderr.WriteLine(warning);
                continue;
            }

            bad++;
            stderr.WriteLine($"{path}: {errors.Count} error{(errors.Count == 1 ? "" : "s")}:");
            foreach (var e in errors) stderr.WriteLine($"  {e}");
        }

        return bad == 0 ? 0 : 1;
    }
}

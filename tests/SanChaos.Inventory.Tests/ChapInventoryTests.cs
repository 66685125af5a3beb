using FluentAssertions;
using SanChaos.Inventory.Loading;
using SanChaos.Inventory.Model;
using Xunit;

namespace SanChaos.Inventory.Tests;

/// <summary><c>sut: iscsi_target: chap:</c> and <c>implementation: tgt</c> in an inventory.</summary>
public sealed class ChapInventoryTests
{
    private const string SerialLine = "    unit_serial: sanchaos-test-0\n";

    private static string Embedded => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Lab", "embedded.yaml"));

    /// <summary>lab/embedded.yaml with <paramref name="chap"/> (lines indented under iscsi_target) after the unit serial.</summary>
    private static (LabInventory? Inventory, IReadOnlyList<InventoryError> Errors, string Text) WithChap(string chap)
    {
        var text = Embedded.Replace(SerialLine, SerialLine + chap, StringComparison.Ordinal);
        text.Should().NotBe(Embedded, "embedded.yaml must have the unit serial line");
        var (inv, errors) = InventoryLoader.TryParse("/lab/rack.yaml", text);
        return (inv, errors, text);
    }

    private static int LineOf(string text, string fragment) =>
        text.Split('\n').Select((l, i) => (l, i)).First(x => x.l.Contains(fragment, StringComparison.Ordinal)).i + 1;

    [Fact]
    public void Without_chap_the_target_has_no_credentials()
    {
        InventoryLoader.Parse("/lab/embedded.yaml", Embedded).Sut.Target.Chap.Should().BeNull();
    }

    [Fact]
    public void One_way_chap_reads_the_user_and_the_secret_by_reference()
    {
        var (inv, errors, text) = WithChap("    chap: { user: alice, password: { file: /etc/sanchaos/chap } }\n");
        errors.Should().BeEmpty();
        var chap = inv!.Sut.Target.Chap!;
        (chap.User, chap.Password, chap.Mutual, chap.MutualUser, chap.MutualPassword).Should().Be(("alice", new SecretRef(null, "/etc/sanchaos/chap"), false, null, null));
        chap.Location.Line.Should().Be(LineOf(text, "chap:"));
    }

    [Fact]
    public void The_hardware_example_gives_its_target_chap()
    {
        var chap = InventoryLoader.Load(Path.Combine(AppContext.BaseDirectory, "Lab", "hardware.example.yaml")).Sut.Target.Chap!;
        (chap.User, chap.Password.File, chap.Mutual).Should().Be(("badger", "/etc/sanchaos/rack2-chap", false));
    }

    [Fact]
    public void Mutual_chap_reads_both_directions()
    {
        var (inv, errors, _) = WithChap("""
                chap:
                  user: alice
                  password: { env: SANCHAOS_CHAP_PASSWORD }
                  mutual_user: otter-san
                  mutual_password: { file: /etc/sanchaos/chap-mutual }

            """);
        errors.Should().BeEmpty();
        var chap = inv!.Sut.Target.Chap!;
        chap.Mutual.Should().BeTrue();
        (chap.Password.Env, chap.MutualUser, chap.MutualPassword!.File).Should().Be(("SANCHAOS_CHAP_PASSWORD", "otter-san", "/etc/sanchaos/chap-mutual"));
    }

    [Fact]
    public void An_inline_secret_a_bad_user_name_and_a_misspelt_key_are_errors_with_line_and_column()
    {
        var (inv, errors, text) = WithChap("""
                chap:
                  user: alice smith
                  password: hunter2hunter2
                  mutual_pasword: { file: /etc/sanchaos/chap-mutual }

            """);
        inv.Should().BeNull();
        errors.Should().HaveCount(3, string.Join("\n", errors));
        Has(errors, LineOf(text, "user: alice smith"), 13, "'user' in 'chap' of 'iscsi_target' is 'alice smith'", "user: alice");
        Has(errors, LineOf(text, "password: hunter2"), 17, "'password' of 'chap' of 'iscsi_target' is written inline", "SANCHAOS_CHAP_PASSWORD");
        Has(errors, LineOf(text, "mutual_pasword"), 7, "Unknown key 'mutual_pasword'", "Did you mean 'mutual_password'?");
        errors.Should().NotContain(e => e.ToString().Contains("hunter2", StringComparison.Ordinal), "an inline secret is never repeated");
    }

    [Fact]
    public void Mutual_chap_needs_both_the_user_and_the_secret()
    {
        var (_, errors, text) = WithChap("    chap: { user: alice, password: { file: /etc/sanchaos/chap }, mutual_user: otter-san }\n");
        var e = errors.Should().ContainSingle().Subject;
        (e.At.Line, e.At.Column).Should().Be((LineOf(text, "chap:"), 11));
        e.Message.Should().Be("'chap' of 'iscsi_target' has mutual_user without mutual_password; mutual CHAP needs both.");
        e.Fix.Should().Contain("mutual_password: { file: /etc/sanchaos/chap-mutual }");

        var (_, other, _) = WithChap("    chap: { user: alice, password: { file: /etc/sanchaos/chap }, mutual_password: { env: M } }\n");
        other.Should().ContainSingle().Which.Message.Should().Contain("mutual_password without mutual_user");
    }

    [Fact]
    public void A_chap_without_user_or_password_says_what_to_add()
    {
        var (_, errors, _) = WithChap("    chap: { }\n");
        errors.Select(e => e.Message).Should().BeEquivalentTo("'chap' of 'iscsi_target' of 'sut' of the inventory has no 'user'.", "'chap' of 'iscsi_target' has no 'password'.");
        errors.Should().Contain(e => e.Fix.Contains("password: { file: /etc/sanchaos/chap }", StringComparison.Ordinal));
    }

    [Fact]
    public void The_tgt_target_is_accepted_by_the_inventory_and_by_a_build_override()
    {
        var inv = InventoryLoader.Parse("/lab/embedded.yaml", Embedded.Replace("implementation: lio", "implementation: tgt", StringComparison.Ordinal));
        inv.Sut.Target.Implementation.Should().Be("tgt");
        inv.Sut.BuildName.Should().Be("7.2-seccomp/bookworm/tgt");
        var lio = InventoryLoader.Parse("/lab/embedded.yaml", Embedded);
        lio.Sut.WithBuild("target=tgt", "--build").Target.Implementation.Should().Be("tgt");
    }

    private static void Has(IReadOnlyList<InventoryError> errors, int line, int column, string message, string fix)
    {
        var hit = errors.Where(e => e.At.Line == line && e.At.Column == column && e.Message.Contains(message, StringComparison.Ordinal)).ToArray();
        hit.Should().ContainSingle($"an error at {line}:{column} containing \"{message}\" among:\n{string.Join("\n", errors)}");
        (hit[0].Message + " " + hit[0].Fix).Should().Contain(fix);
    }
}

using FluentAssertions;
using SanChaos.Core.Commands;
using SanChaos.Core.Errors;
using SanChaos.Core.History;
using SanChaos.Core.Secrets;
using Xunit;

namespace SanChaos.Core.Tests;

/// <summary>
/// A secret registered with <see cref="Redactor"/> is masked in every output that passes through it. The registry is the
/// process's: each test plants a value of its own that nothing else contains.
/// </summary>
public sealed class RedactorTests
{
    private static string Planted() => "pw-" + Guid.NewGuid().ToString("N");

    [Fact]
    public void A_registered_secret_is_masked_wherever_it_appears_and_other_text_is_left_alone()
    {
        var secret = Planted();
        Redactor.Redact($"password={secret}").Should().Be($"password={secret}", "nothing is masked before it is registered");
        Redactor.Register(secret);
        Redactor.Redact($"password={secret}; again {secret}.").Should().Be("password=***; again ***.");
        Redactor.Redact("nothing secret here").Should().Be("nothing secret here");
        Redactor.Redact(null).Should().BeNull();
    }

    [Fact]
    public void Blank_and_short_values_are_not_registered()
    {
        Redactor.Register("");
        Redactor.Register("   ");
        Redactor.Register("abc");
        Redactor.Redact("abc abc").Should().Be("abc abc");
    }

    [Fact]
    public void A_secret_in_an_exception_message_problem_and_remedy_is_masked()
    {
        var secret = Planted();
        Redactor.Register(secret);
        var e = new SanChaosException($"login with {secret} refused", $"check that {secret} is the PDU's password");
        e.Problem.Should().Be("login with *** refused");
        e.Remedy.Should().Be("check that *** is the PDU's password");
        e.Message.Should().NotContain(secret).And.Contain("login with *** refused");

        var failed = new CommandFailedException("otter", $"targetcli set auth password={secret}", new CommandResult(1, $"echo {secret}", $"bad {secret}"));
        failed.Message.Should().NotContain(secret).And.Contain("password=***").And.Contain("bad ***");
    }

    [Fact]
    public void A_secret_in_a_history_event_and_in_the_history_file_is_masked()
    {
        var secret = Planted() + "\"quoted\\";
        Redactor.Register(secret);
        var history = new RunHistory(TimeProvider.System);
        var e = history.Append(EventKinds.Lab, "test", $"authkeys key {secret}", new Dictionary<string, string> { ["key"] = secret, ["node"] = "otter" });
        e.Message.Should().Be("authkeys key ***");
        e.Data.Should().Equal(new Dictionary<string, string> { ["key"] = "***", ["node"] = "otter" });
        history.AppendAt(DateTimeOffset.UtcNow, EventKinds.Lab, "test", secret).Message.Should().Be("***");

        var unmasked = new HistoryEvent(9, 0, DateTimeOffset.UtcNow, EventKinds.Lab, "test", $"late {secret}", new Dictionary<string, string> { ["k"] = secret });
        var path = Path.Combine(Path.GetTempPath(), $"sanchaos-history-{Guid.NewGuid():N}.jsonl");
        try
        {
            HistoryFile.Write(path, [.. history.Events, unmasked]);
            var text = File.ReadAllText(path);
            text.Should().NotContain(secret.Split('"')[0], "the JSON-escaped form of the secret is masked too");
            HistoryFile.Read(path).Last().Message.Should().Be("late ***");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_wrapped_progress_writer_sees_every_line_masked()
    {
        var secret = Planted();
        Redactor.Register(secret);
        var lines = new List<string>();
        var write = Redactor.Wrap(lines.Add);
        write($"PDU pdu1: Redfish on https://admin:{secret}@127.0.0.1");
        lines.Should().Equal("PDU pdu1: Redfish on https://admin:***@127.0.0.1");
        Redactor.Wrap(null).Should().BeNull();
    }
}

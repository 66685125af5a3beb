using FluentAssertions;
using SanChaos.Core.Waiting;
using SanChaos.Labs.Hands;
using Xunit;

namespace SanChaos.Lab.Tests.Unit.Hands;

/// <summary><see cref="LogFollower"/> on files in a folder of its own, polling every 10 ms.</summary>
[Trait("Category", "unit")]
public sealed class LogFollowerTests : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(10);
    private readonly string _dir = Directory.CreateTempSubdirectory("sanchaos-follow-").FullName;
    private readonly StringWriter _text = new();
    private readonly TextWriter _output;
    private readonly CancellationTokenSource _stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

    public LogFollowerTests() => _output = TextWriter.Synchronized(_text);

    private string Log => Path.Combine(_dir, "otter.log");

    private string Output
    {
        get
        {
            lock (_output) return _text.ToString();
        }
    }

    public void Dispose()
    {
        _stop.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Prints_the_last_lines_and_exits_without_follow()
    {
        await File.WriteAllTextAsync(Log, string.Concat(Enumerable.Range(1, 5000).Select(i => $"line {i}\n")), _stop.Token);
        (await new LogFollower(Log, _output, Poll).RunAsync(3, follow: false, ct: _stop.Token)).Should().Be(FollowEnd.Printed);
        Output.Should().Be("line 4998\nline 4999\nline 5000\n");
    }

    [Fact]
    public async Task A_last_line_without_newline_counts_and_a_short_file_is_printed_whole()
    {
        await File.WriteAllTextAsync(Log, "a\nb\nc", _stop.Token);
        await new LogFollower(Log, _output, Poll).RunAsync(2, follow: false, ct: _stop.Token);
        Output.Should().Be("b\nc");
        _text.GetStringBuilder().Clear();
        await new LogFollower(Log, _output, Poll).RunAsync(40, follow: false, ct: _stop.Token);
        Output.Should().Be("a\nb\nc");
        _text.GetStringBuilder().Clear();
        await new LogFollower(Log, _output, Poll).RunAsync(0, follow: false, ct: _stop.Token);
        Output.Should().BeEmpty();
    }

    [Fact]
    public async Task Prints_the_last_lines_then_what_is_appended_until_cancelled()
    {
        var (_, follow) = await FollowAsync("boot 1\nlogin: \nold\n", 2, "login: \nold\n");

        await File.AppendAllTextAsync(Log, "drbd: r0 Connected\n", _stop.Token);
        await File.AppendAllTextAsync(Log, "heartbeat: ", _stop.Token);
        await OutputIs("login: \nold\ndrbd: r0 Connected\nheartbeat: ");
        await CtrlCAsync(follow);
    }

    [Fact]
    public async Task A_truncated_file_is_read_again_from_its_beginning()
    {
        var (follower, follow) = await FollowAsync("first boot, a long line\n", 40, "first boot, a long line\n");

        await using (new FileStream(Log, FileMode.Truncate, FileAccess.Write, FileShare.ReadWrite))
        {
        }

        await Until("the truncation seen", () => follower.Restarts == 1);
        await File.AppendAllTextAsync(Log, "second boot\n", _stop.Token);
        await OutputIs("first boot, a long line\nsecond boot\n");
        await CtrlCAsync(follow);
    }

    [Fact]
    public async Task A_replaced_file_is_read_from_its_beginning_after_the_rest_of_the_old_one()
    {
        var (follower, follow) = await FollowAsync("boot 1\n", 40, "boot 1\n");

        // Power cycle with a recreated log: the old one gets its last words, then moves away; a new file (new inode) takes its name.
        await File.AppendAllTextAsync(Log, "reboot: Power down\n", _stop.Token);
        File.Move(Log, Log + ".1");
        await File.WriteAllTextAsync(Log + ".new", "boot 2, and longer than the first\n", _stop.Token);
        File.Move(Log + ".new", Log);

        await OutputIs("boot 1\nreboot: Power down\nboot 2, and longer than the first\n");
        follower.Restarts.Should().Be(1);
        await File.AppendAllTextAsync(Log, "login: \n", _stop.Token);
        await OutputIs("boot 1\nreboot: Power down\nboot 2, and longer than the first\nlogin: \n");
        await CtrlCAsync(follow);
    }

    [Fact]
    public async Task A_missing_file_is_waited_for_and_the_end_of_the_source_ends_it()
    {
        var alive = true;
        var follow = new LogFollower(Log, _output, Poll).RunAsync(40, follow: true, () => Volatile.Read(ref alive), _stop.Token);
        await Task.Delay(50, _stop.Token);
        await File.WriteAllTextAsync(Log, "boot\n", _stop.Token);
        await OutputIs("boot\n");

        await File.AppendAllTextAsync(Log, "System halted.\n", _stop.Token);
        Volatile.Write(ref alive, false);
        (await follow).Should().Be(FollowEnd.SourceGone);
        Output.Should().Be("boot\nSystem halted.\n", "what the source wrote before it ended is printed");
    }

    [Fact]
    public async Task Cancellation_before_anything_was_appended_ends_it_cleanly()
    {
        var (_, follow) = await FollowAsync("quiet\n", 40, "quiet\n");
        _stop.CancelAfter(TimeSpan.FromMilliseconds(30));
        (await follow).Should().Be(FollowEnd.Cancelled);
        Output.Should().Be("quiet\n");
    }

    /// <summary>Writes the log, starts following it and waits for <paramref name="shown"/>.</summary>
    private async Task<(LogFollower Follower, Task<FollowEnd> Run)> FollowAsync(string content, int lines, string shown)
    {
        await File.WriteAllTextAsync(Log, content, _stop.Token);
        var follower = new LogFollower(Log, _output, Poll);
        var run = follower.RunAsync(lines, follow: true, ct: _stop.Token);
        await OutputIs(shown);
        return (follower, run);
    }

    private async Task CtrlCAsync(Task<FollowEnd> run)
    {
        await _stop.CancelAsync();
        (await run).Should().Be(FollowEnd.Cancelled, "Ctrl-C ends it normally, without an exception");
    }

    private Task OutputIs(string expected) => Until($"the output to be {expected}", () => Output == expected);

    private async Task Until(string what, Func<bool> condition)
    {
        try
        {
            await Wait.UntilAsync(what, _ => Task.FromResult(condition() ? Probe.Yes() : Probe.No($"output so far: {Output}")),
                TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(5), ct: TestContext.Current.CancellationToken);
        }
        catch (WaitTimeoutException e)
        {
            throw new Xunit.Sdk.XunitException(e.Message);
        }
    }
}

using FluentAssertions;
using SanChaos.Core.Secrets;
using Xunit;

namespace SanChaos.Core.Tests;

public sealed class SecretFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sanchaos-secret-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_secret_file_is_created_mode_600_in_a_new_folder_of_mode_700()
    {
        var path = Path.Combine(_dir, "embedded", "pdu.secret");
        SecretFile.Write(path, "s3cret-value\n");
        File.ReadAllText(path).Should().Be("s3cret-value\n");
        File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.GetUnixFileMode(Path.GetDirectoryName(path)!).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Directory.GetFiles(Path.GetDirectoryName(path)!).Should().Equal(path);
    }

    [Fact]
    public void A_readable_file_is_replaced_by_a_new_one_of_mode_600_and_no_temporary_file_is_left()
    {
        var path = Path.Combine(_dir, "authkeys");
        File.WriteAllText(path, "old");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        SecretFile.Write(path, "auth 1\n1 sha1 new\n");
        File.ReadAllText(path).Should().Be("auth 1\n1 sha1 new\n");
        File.GetUnixFileMode(path).Should().Be(SecretFile.Mode);
        Directory.GetFiles(_dir).Should().Equal(path);
    }
}

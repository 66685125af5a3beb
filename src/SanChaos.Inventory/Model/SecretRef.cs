using SanChaos.Core.Secrets;

namespace SanChaos.Inventory.Model;

/// <summary>
/// A secret named by reference, never written inline: an environment variable or a file whose first line
/// is the secret. On a rack (<c>kind: hardware</c>) the inventory refuses a secret file that group or others may read.
/// </summary>
/// <param name="Env">Environment variable name, or null.</param>
/// <param name="File">File path, or null.</param>
public sealed record SecretRef(string? Env, string? File)
{
    /// <summary>Where the secret comes from, for error messages.</summary>
    public string Describe() => Env is not null ? $"environment variable {Env}" : $"file {File}";

    /// <summary>
    /// Reads the secret and registers it with <see cref="Redactor"/>, so that it is masked in every output from now on;
    /// throws <see cref="Core.Errors.SanChaosException"/> saying what to set when it is missing.
    /// </summary>
    public string Resolve()
    {
        var value = Read();
        Redactor.Register(value);
        return value;
    }

    private string Read()
    {
        if (Env is not null)
        {
            var v = Environment.GetEnvironmentVariable(Env);
            if (string.IsNullOrEmpty(v))
                throw new Core.Errors.SanChaosException($"The secret {Describe()} is not set.",
                    $"export {Env}=... before running, or point the inventory at a file with `file:`.");
            return v;
        }

        if (File is null || !System.IO.File.Exists(File))
            throw new Core.Errors.SanChaosException($"The secret {Describe()} does not exist.",
                $"create it readable by you only, the secret on its first line: `(umask 077; printf '%s\\n' '<secret>' > {File})`; or use `env:`.");
        return System.IO.File.ReadLines(File).FirstOrDefault()?.Trim() ?? "";
    }
}

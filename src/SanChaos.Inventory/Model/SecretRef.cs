namespace SanChaos.Inventory.Model;

/// <summary>
/// A secret named by reference, never written inline: an environment variable or a file whose first line
/// is the secret.
/// </summary>
/// <param name="Env">Environment variable name, or null.</param>
/// <param name="File">File path, or null.</param>
public sealed record SecretRef(string? Env, string? File)
{
    /// <summary>Where the secret comes from, for error messages.</summary>
    public string Describe() => Env is not null ? $"environment variable {Env}" : $"file {File}";

    /// <summary>Reads the secret; throws <see cref="Core.Errors.SanChaosException"/> saying what to set when it is missing.</summary>
    public string Resolve()
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
                "create the file (mode 600) with the secret on its first line, or use `env:`.");
        return System.IO.File.ReadLines(File).FirstOrDefault()?.Trim() ?? "";
    }
}

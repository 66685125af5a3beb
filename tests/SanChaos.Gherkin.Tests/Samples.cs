using SanChaos.Gherkin.Bindings;
using SanChaos.Gherkin.Model;
using SanChaos.Gherkin.Parsing;
using SanChaos.Gherkin.Samples;
using SanChaos.Gherkin.Xunit;

namespace SanChaos.Gherkin.Tests;

/// <summary>The sample features and bindings of tests/SanChaos.Gherkin.Samples.</summary>
internal static class Samples
{
    public const string Directory = "tests/SanChaos.Gherkin.Samples/features";

    public static (string Dir, string Root) Located => FeatureSource.Locate(Directory);

    public static FeatureFile File(string name)
    {
        var (dir, root) = Located;
        return FeatureCompiler.Load(Path.Combine(dir, name), root);
    }

    public static Scenario Scenario(string file, string name) => File(file).Scenarios.Single(s => s.Name == name);

    public static BindingRegistry Bindings => BindingRegistry.FromAssemblies(typeof(SampleBindings).Assembly);

    /// <summary>The Samples test executable (an xunit v3 in-process runner).</summary>
    public static string Executable => Path.Combine(AppContext.BaseDirectory, "SanChaos.Gherkin.Samples.dll");
}

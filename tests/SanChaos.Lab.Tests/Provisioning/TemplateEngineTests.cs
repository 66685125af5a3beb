using FluentAssertions;
using Xunit;
using SanChaos.Core.Errors;
using SanChaos.Labs.Provisioning;

namespace SanChaos.Lab.Tests.Provisioning;

[Trait("Category", "unit")]
public sealed class TemplateEngineTests
{
    private static readonly SutValues Values = new(
        new Dictionary<string, string> { ["name"] = "otter", ["port"] = "7788" },
        new Dictionary<string, bool> { ["on"] = true, ["off"] = false },
        new Dictionary<string, IReadOnlyList<IReadOnlyDictionary<string, string>>>
        {
            ["ips"] = [new Dictionary<string, string> { ["a"] = "192.168.1.1", ["value"] = "x" }, new Dictionary<string, string> { ["a"] = "192.168.2.1", ["value"] = "y" }],
        });

    [Fact]
    public void Substitutes_values_flags_and_lists()
    {
        const string t = "host {{name}}:{{port}}\n{{?on}}kept\n{{?off}}dropped\n{{!off}}negated\n{{each:ips}}ip {{item.a}} {{item}} {{name}}\nend\n";
        TemplateEngine.Render(t, Values, "t").Should().Be("host otter:7788\nkept\nnegated\nip 192.168.1.1 x otter\nip 192.168.2.1 y otter\nend\n");
    }

    [Fact]
    public void Folds_continuation_lines_when_asked()
    {
        const string t = "# comment\n{{name}} a \\\n    b \\\n{{each:ips}}    c::{{item.a}} \\\n    d\n";
        TemplateEngine.Render(t, Values, "t", joinContinuations: true).Should().Be("# comment\notter a b c::192.168.1.1 c::192.168.2.1 d\n");
    }

    [Fact]
    public void An_unknown_placeholder_names_the_template_the_line_and_the_known_names()
    {
        var act = () => TemplateEngine.Render("ok\nport {{prot}}\n", Values, "templates/x.conf");
        var e = act.Should().Throw<SanChaosException>().Which;
        e.Problem.Should().Be("templates/x.conf:2: unknown placeholder {{prot}}.");
        e.Remedy.Should().Contain("name, port");
    }

    [Fact]
    public void Unknown_flags_lists_and_items_outside_lists_are_errors()
    {
        ((Action)(() => TemplateEngine.Render("{{?nope}}x", Values, "t"))).Should().Throw<SanChaosException>().WithMessage("*unknown placeholder {{?nope}}*");
        ((Action)(() => TemplateEngine.Render("{{each:nope}}x", Values, "t"))).Should().Throw<SanChaosException>().WithMessage("*{{each:nope}}*");
        ((Action)(() => TemplateEngine.Render("{{item.a}}", Values, "t"))).Should().Throw<SanChaosException>().WithMessage("*outside an {{each:...}} line*");
        ((Action)(() => TemplateEngine.Render("{{each:ips}}{{item.b}}", Values, "t"))).Should().Throw<SanChaosException>().WithMessage("*{{item.b}}*");
    }
}

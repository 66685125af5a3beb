namespace SanChaos.Config.Lint;

/// <summary>One lint rule.</summary>
public interface IConfigRule
{
    /// <summary>Its id, <c>area.name</c> (<c>hb.two-paths</c>, <c>drbd.fencing</c>).</summary>
    string Id { get; }

    /// <summary>One line saying what it checks.</summary>
    string Title { get; }

    /// <summary>Its findings on <paramref name="context"/>; none when the configuration is fine or the files it reads were not collected.</summary>
    IEnumerable<Finding> Check(LintContext context);
}

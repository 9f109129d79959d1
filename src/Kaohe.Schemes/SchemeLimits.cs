namespace Kaohe.Schemes;

/// <summary>
/// The bounds every scheme text is held to before and while it is loaded (docs/scheme-format.md, "Limits").
/// Scheme YAML comes from users (web upload and check, <c>kaohe … --scheme file.yaml</c>), so loading must
/// neither overflow the stack nor spend time and memory out of proportion to a real appraisal form: the
/// built-in templates are below 10 KB, nest at most 13 levels, have fewer than 1,000 nodes and no aliases.
/// A text beyond a bound is refused with one <see cref="SchemeError"/> naming the place and the bound.
/// </summary>
public static class SchemeLimits
{
    /// <summary>The longest scheme text, in characters (UTF-16 code units): 512 K. The web refuses more than 500,000 on save.</summary>
    public const int MaxTextChars = 512 * 1024;

    /// <summary>
    /// The deepest nesting of mappings and sequences (the top-level mapping is level 1), counted through aliases:
    /// an alias placed at level <c>d</c> of a node that is <c>h</c> levels deep reaches level <c>d + h</c>.
    /// </summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// The most nodes (scalars, mappings, sequences; keys included) the document may have once every alias is
    /// replaced by the node it names: the bound on "billion laughs" expansion.
    /// </summary>
    public const int MaxNodes = 100_000;

    /// <summary>The most characters of scalars the document may have once every alias is expanded (1 M).</summary>
    public const int MaxExpandedChars = 1024 * 1024;

    /// <summary>The most aliases (<c>*name</c>) in one text.</summary>
    public const int MaxAliases = 1_000;

    /// <summary>The longest mapping key, in characters (keys become field paths in every error message).</summary>
    public const int MaxKeyChars = 200;

    /// <summary>The most errors one load reports; beyond it a last error says that more were left out.</summary>
    public const int MaxErrors = 1_000;

    /// <summary>The longest scheme id (and slug): the database column <c>scheme_versions.scheme_code</c> holds 64.</summary>
    public const int MaxIdChars = 64;

    /// <summary>
    /// The longest scheme name. <c>scheme_versions.name</c> and <c>cycles.name</c> hold 200; a cycle is named
    /// "scheme name + space + period" by default, so the name leaves room for the period.
    /// </summary>
    public const int MaxNameChars = 100;

    /// <summary>
    /// The longest name of an indicator (the input key, stored as the changed field of an audit entry: 100), and of a
    /// section, a composite part, a deduction clause or a counter (repeated in messages and explanations).
    /// </summary>
    public const int MaxItemNameChars = 100;

    /// <summary>The longest rater role name: stored as <c>rating_forms.role</c> (64).</summary>
    public const int MaxRaterNameChars = 64;

    /// <summary>The longest grade word of the total's grade scale: stored as <c>cycle_subjects.grade</c> (32).</summary>
    public const int MaxGradeChars = 32;

    /// <summary>The most rater roles: each appraisee of a cycle gets one rating form per role.</summary>
    public const int MaxRaters = 20;

    /// <summary>The most bands in one list (<c>bands</c>, a coefficient's bands, a deduction <c>table</c>): lint compares them pairwise.</summary>
    public const int MaxBandsPerList = 50;

    /// <summary>The most bands of all lists together.</summary>
    public const int MaxBandsTotal = 2_000;

    /// <summary>Consequence rules (GR-01, GR-02) of one scheme: a handful in practice.</summary>
    public const int MaxConsequences = 20;
}

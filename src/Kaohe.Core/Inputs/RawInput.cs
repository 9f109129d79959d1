using System.Collections.Immutable;

namespace Kaohe.Core.Inputs;

/// <summary>An input as the user gave it, before the rule that reads it knows its unit.</summary>
public abstract record RawInput
{
    /// <summary>The input as it was written, for error messages.</summary>
    public abstract string Display { get; }
}

/// <summary>A single value: text, or a JSON number (<see cref="IsNumber"/>, a fraction for percentages).</summary>
public sealed record RawScalar(string Text, bool IsNumber = false) : RawInput
{
    /// <inheritdoc />
    public override string Display => Text;
}

/// <summary>An object of named fields: <c>{ "value": …, "baseline": … }</c> or a deduction's clauses.</summary>
public sealed record RawObject(ImmutableDictionary<string, RawInput> Fields) : RawInput
{
    /// <inheritdoc />
    public override string Display =>
        "{" + string.Join(", ", Fields.Select(f => f.Key + ": " + f.Value.Display)) + "}";
}

/// <summary>A list of values (several commendations, the chosen value of each ranged deduction).</summary>
public sealed record RawList(ImmutableArray<RawInput> Items) : RawInput
{
    /// <inheritdoc />
    public override string Display => "[" + string.Join(", ", Items.Select(i => i.Display)) + "]";
}

/// <summary>One appraised subject's inputs for <c>kaohe score</c>.</summary>
/// <param name="Name">The subject (对象) name.</param>
/// <param name="Inputs">Shared inputs keyed by indicator name.</param>
/// <param name="Raters">Per-rater inputs: role → indicator name → input.</param>
/// <param name="Extra">Subject-level values: the bonus base (奖金基数) and similar.</param>
/// <param name="Location">Where the subject came from (file row), for error messages.</param>
/// <param name="Code">The subject's code (工号 of a person, code of a unit) when it has one: two people may share a
/// name, so a run keys its subjects by <see cref="Key"/>, the code when given.</param>
public sealed record SubjectInput(
    string Name,
    ImmutableDictionary<string, RawInput> Inputs,
    ImmutableDictionary<string, ImmutableDictionary<string, RawInput>> Raters,
    ImmutableDictionary<string, RawInput> Extra,
    string? Location = null,
    string? Code = null)
{
    /// <summary>What identifies the subject in a run: its code when it has one, else its name.</summary>
    public string Key => Code ?? Name;
}

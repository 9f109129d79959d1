using Kaohe.Data.Results;

namespace Kaohe.Data.Cycles;

/// <summary>A cycle's grade bands and forced distribution (强制分布).</summary>
public sealed partial class CycleService
{
    /// <summary>The cycle's bands (its own or the scheme's), the limits and the check of its current results.</summary>
    public GradingView Grading(Actor actor, int cycleId) => throw new NotImplementedException();

    /// <summary>Sets bands (before publication; after release the results are recomputed) and limits; audited.</summary>
    public GradingView SetGrading(Actor actor, int cycleId, GradingRequest request) => throw new NotImplementedException();
}

using Microsoft.AspNetCore.Http.HttpResults;

namespace Alerts.Server.Newsroom;

/// <summary>
/// What a use case run through the <see cref="Gate"/> answers: a change's <see cref="NewsroomResult"/> or a read's
/// <see cref="ReadResult{T}"/>. The gate only needs to know a refusal (nothing after it runs, nothing is audited as done)
/// and how to make one, so both kinds of use case share the one order.
/// </summary>
internal interface IGateResult<TSelf>
    where TSelf : class, IGateResult<TSelf>
{
    bool IsRefused { get; }

    static abstract TSelf Refused(ProblemHttpResult problem);
}

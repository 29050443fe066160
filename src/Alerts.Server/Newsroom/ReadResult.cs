using Microsoft.AspNetCore.Http.HttpResults;

namespace Alerts.Server.Newsroom;

/// <summary>
/// What a use case that only reveals came to: the answer, or the refusal. Nothing is stored either way, so there is
/// nothing to replay and nothing to wait for.
/// </summary>
internal sealed class ReadResult<T>
    where T : class
{
    public ReadResult(T answer) => Answer = answer;

    public ReadResult(ProblemHttpResult problem) => Problem = problem;

    public T? Answer { get; }

    public ProblemHttpResult? Problem { get; }

    public Results<Ok<T>, ProblemHttpResult> ToHttp() => Problem is { } problem ? problem : TypedResults.Ok(Answer!);
}

using Microsoft.AspNetCore.Http.HttpResults;

namespace Alerts.Server.Newsroom;

/// <summary>
/// What a use case that only reveals came to: the answer, or the refusal. Nothing is stored either way, so there is
/// nothing to replay and nothing to wait for.
/// </summary>
internal sealed class ReadResult<T> : IGateResult<ReadResult<T>>
    where T : class
{
    public ReadResult(T answer) => Answer = answer;

    public ReadResult(ProblemHttpResult problem) => Problem = problem;

    public T? Answer { get; }

    public ProblemHttpResult? Problem { get; }

    bool IGateResult<ReadResult<T>>.IsRefused => Problem is not null;

    public static ReadResult<T> Refused(ProblemHttpResult problem) => new(problem);

    public Results<Ok<T>, ProblemHttpResult> ToHttp() => Problem is { } problem ? problem : TypedResults.Ok(Answer!);
}

using Alerts.Core.Validation;

namespace Alerts.Server.Ingest;

/// <summary>The problem responses of the ingest API, so each failure reads the same everywhere.</summary>
internal static class Problems
{
    public static IResult Status(int status, string title, string? detail = null) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status);

    public static IResult Validation(ValidationErrors errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), title: "The request has invalid fields.");

    public static IResult Validation(string field, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(field, message);
        return Validation(errors);
    }

    public static IResult AlertNotFound(string id) =>
        Status(StatusCodes.Status404NotFound, "No such alert.", $"There is no alert with id '{id}'.");
}

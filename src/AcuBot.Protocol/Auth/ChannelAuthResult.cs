using System.Security.Claims;

namespace AcuBot.Protocol.Auth;

/// <summary>Why a channel request was not authenticated (<see cref="None"/> when it was).</summary>
public enum ChannelAuthError
{
    None,
    /// <summary>No app id is configured, so there is nothing to validate against.</summary>
    NotConfigured,
    MissingToken,
    MalformedToken,
    DisallowedAlgorithm,
    UnknownSigningKey,
    InvalidSignature,
    InvalidIssuer,
    InvalidAudience,
    Expired,
    NotYetValid,
    MissingLifetime,
    MissingServiceUrl,
    ServiceUrlMismatch,
    ChannelNotEndorsed,
    /// <summary>The signing keys could not be fetched; the request may succeed later.</summary>
    MetadataUnavailable,
    InvalidToken,
}

/// <summary>
/// The outcome of checking a request's channel token: valid, with the serviceUrl the token vouches
/// for, or not, with a reason for the log. Never carries the token itself.
/// </summary>
public sealed record ChannelAuthResult
{
    public bool IsValid => Error == ChannelAuthError.None;

    public ChannelAuthError Error { get; private init; }

    /// <summary>A short explanation, safe to log and to return to the caller (it holds no token material).</summary>
    public string? Reason { get; private init; }

    /// <summary>The serviceUrl the channel signed; replies may go there.</summary>
    public string? ServiceUrl { get; private init; }

    /// <summary>The validated token's claims, for logging or auditing (issuer, audience, serviceurl, ...).</summary>
    public ClaimsIdentity? Identity { get; private init; }

    /// <summary>
    /// The status to answer a failed request with: 503 when the keys could not be fetched (the channel
    /// should retry), 500 when authentication is not configured, otherwise 401.
    /// </summary>
    public int StatusCode => Error switch
    {
        ChannelAuthError.None => 200,
        ChannelAuthError.MetadataUnavailable => 503,
        ChannelAuthError.NotConfigured => 500,
        _ => 401,
    };

    public static ChannelAuthResult Success(string serviceUrl, ClaimsIdentity identity) =>
        new() { ServiceUrl = serviceUrl, Identity = identity };

    public static ChannelAuthResult Fail(ChannelAuthError error, string reason) =>
        error == ChannelAuthError.None
            ? throw new ArgumentException("A failure needs an error.", nameof(error))
            : new() { Error = error, Reason = reason };
}

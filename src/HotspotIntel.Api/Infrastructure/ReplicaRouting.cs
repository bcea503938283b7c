using HotspotIntel.Api.Data;
using Npgsql;

namespace HotspotIntel.Api.Infrastructure;

/// <summary>
/// With a replica configured: a signed-in user's read from an endpoint that allows it goes to the replica once the
/// replica has replayed that user's last write; every other request reads and writes on the primary, and a request that
/// may write notes the user's write fence before its answer starts, so the user's next request, on any API instance,
/// sees what this one wrote. Without a replica, nothing here runs.
/// </summary>
internal static class ReplicaRouting
{
    public static void UseReplicaReads(this WebApplication app)
    {
        if (app.Services.GetService<ReadReplica>() is not { } replica)
        {
            return;
        }

        var primary = app.Services.GetRequiredService<NpgsqlDataSource>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ReplicaRouting));
        app.Use(async (context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated != true)
            {
                await next(context);
                return;
            }

            var session = context.RequestServices.GetRequiredService<AccessSession>();
            if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
            {
                if (context.GetEndpoint()?.AllowsReplica() == true
                    && await replica.HasReplayedAsync(await ReplicaReads.WriteFenceAsync(primary, session, context.RequestAborted), context.RequestAborted))
                {
                    context.RequestServices.GetRequiredService<DatabaseRoute>().ToReplica(replica);
                }
            }
            else
            {
                // Before the answer starts: a client may send its next request the moment it has the answer.
                context.Response.OnStarting(async () =>
                {
                    try
                    {
                        await ReplicaReads.NoteWriteFenceAsync(primary, session, CancellationToken.None);
                    }
                    catch (NpgsqlException failure)
                    {
                        logger.LogWarning(failure, "The write fence of user {UserId} could not be noted; their next read may come from the replica's older copy.", session.UserId);
                    }
                });
            }

            await next(context);
        });
    }
}

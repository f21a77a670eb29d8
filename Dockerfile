# syntax=docker/dockerfile:1
# AcuBot in a container: built with the .NET SDK (and Node.js for the Web Chat bundle), run on the
# ASP.NET Core runtime image as its non-root user. See README, "Deploying".
#
#   docker build -t acubot .
#   docker run -p 8080:8080 \
#     -v "$PWD/appsettings.json:/app/appsettings.json:ro" -v "$PWD/knowledge:/app/knowledge:ro" \
#     -v acubot-data:/app/data -e DirectLine__Secret="$(openssl rand -base64 32)" acubot

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# npm restores Microsoft's Web Chat bundle; node compresses it (src/AcuBot.WebChat/precompress.mjs).
RUN apt-get update \
    && apt-get install -y --no-install-recommends nodejs npm \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src

# Packages first, in layers of their own: they change far less often than the code.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/AcuBot/AcuBot.csproj src/AcuBot/
COPY src/AcuBot.Knowledge/AcuBot.Knowledge.csproj src/AcuBot.Knowledge/
COPY src/AcuBot.Protocol/AcuBot.Protocol.csproj src/AcuBot.Protocol/
RUN dotnet restore src/AcuBot/AcuBot.csproj
COPY src/AcuBot.WebChat/package.json src/AcuBot.WebChat/package-lock.json src/AcuBot.WebChat/
RUN cd src/AcuBot.WebChat && npm ci --no-audit --no-fund --loglevel=error

# The code, the clinic's settings and documents (the defaults the image ships; mount your own over them).
COPY src/ src/
COPY appsettings.json ./
COPY knowledge/ knowledge/
RUN dotnet publish src/AcuBot/AcuBot.csproj -c Release -o /app --no-restore -nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final
WORKDIR /app
COPY --from=build /app ./
# data/ holds what the bot writes: the passage-vector cache and the unanswered-questions database. The
# rest of /app, settings and knowledge included, stays read-only to the user the bot runs as.
RUN mkdir -p /app/data && chown "$APP_UID" /app/data
VOLUME ["/app/data"]
USER $APP_UID
# The .NET convention (the bot's own default, localhost:3978, would be unreachable from outside the container).
ENV ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080
# Probes: GET /health/live (restart when it fails) and /health/ready (send traffic when it answers 200).
# The runtime image has no curl, so the orchestrator probes over HTTP rather than a HEALTHCHECK command.
ENTRYPOINT ["dotnet", "AcuBot.dll"]

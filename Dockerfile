# The API (and the demo-data loader) for users with Docker; see docker-compose.yml.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/HotspotIntel.Api/HotspotIntel.Api.csproj -c Release -o /out/api \
 && dotnet publish bench/HotspotIntel.Bench/HotspotIntel.Bench.csproj -c Release -o /out/bench

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /out/api /app
COPY --from=build /out/bench /bench
ENV ASPNETCORE_URLS=http://0.0.0.0:5080
EXPOSE 5080
ENTRYPOINT ["dotnet", "/app/HotspotIntel.Api.dll"]

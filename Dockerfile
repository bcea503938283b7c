# The API (with the map client it serves, and the demo-data loader) for users with Docker; see docker-compose.yml.
FROM node:20-bookworm AS client
WORKDIR /src/map-client
COPY map-client/package.json map-client/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY map-client/ ./
RUN npm run build

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet restore HotspotIntel.sln --locked-mode \
 && dotnet publish src/HotspotIntel.Api/HotspotIntel.Api.csproj -c Release --no-restore -o /out/api \
 && dotnet publish bench/HotspotIntel.Bench/HotspotIntel.Bench.csproj -c Release --no-restore -o /out/bench

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# The font meeting-pack PDFs embed (PDFsharp finds no system fonts on Linux by itself).
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /out/api /app
COPY --from=build /out/bench /bench
COPY --from=client /src/map-client/dist /app/map-client
ENV ASPNETCORE_URLS=http://0.0.0.0:5080 \
    Client__Path=/app/map-client
EXPOSE 5080
ENTRYPOINT ["dotnet", "/app/HotspotIntel.Api.dll"]

# option rules=RootUser
FROM debian:12 AS build
USER 0
RUN echo build

FROM debian:12 AS base
USER app

FROM base AS final
COPY --from=build /etc/hosts /hosts

# option rules=RootUser
FROM nonroot:1 AS base
USER root
RUN echo setup

FROM nonroot:1 AS fine
ENV USER=root

# want RootUser error: stage "final" runs as root: it sets no USER and its base image debian:12 runs as root
FROM debian:12 AS final
COPY --from=base /etc/hosts /hosts

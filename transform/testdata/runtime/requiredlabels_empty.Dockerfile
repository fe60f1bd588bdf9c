# option rules=RequiredLabels
# option label=org.opencontainers.image.revision
# option label=org.opencontainers.image.source
# option vcs-revision=abc123
FROM alpine:3.19 AS base
ARG GIT_SHA
ARG REPO=https://github.com/example/app
LABEL org.opencontainers.image.revision=$GIT_SHA org.opencontainers.image.source=$REPO

FROM base
# want RequiredLabels fixed: sets the label org.opencontainers.image.revision, which the policy requires, to an empty value \| added org.opencontainers.image.revision="abc123"
LABEL stage=final

# option rules=RequiredLabels
# option label=org.opencontainers.image.source
# option label=com.example.team
# option label=com.example.team
# option vcs-source=https://github.com/example/other
# option arg=TEAM=payments
FROM alpine:3.19 AS base
ARG TEAM
LABEL "com.example.team"=$TEAM
LABEL org.opencontainers.image.source=https://github.com/example/app

FROM base
LABEL x=y

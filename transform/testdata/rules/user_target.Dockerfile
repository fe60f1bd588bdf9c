# option rules=RootUser
# option target=builder
FROM nonroot:1 AS builder
# want RootUser error: stage "builder" runs as root: USER root
USER root

FROM nonroot:1
USER 10001

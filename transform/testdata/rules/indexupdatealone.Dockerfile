# option rules=IndexUpdateAlone
FROM alpine:3.20 AS unused
RUN apk update

FROM alpine:3.20
# want IndexUpdateAlone error: apk update without an install in the same RUN leaves a package index in a layer, where it goes stale \| drop it and install with `apk add --no-cache
RUN apk update
RUN apk update && apk add curl
RUN apk update && apk upgrade
RUN apk --no-cache update
RUN --mount=type=cache,target=/var/cache/apk apk update
# want IndexUpdateAlone error: yum makecache without an install in the same RUN
RUN yum makecache fast
RUN yum makecache && yum install -y curl
# want IndexUpdateAlone error: dnf makecache without an install
RUN dnf makecache --refresh
RUN --mount=type=cache,target=/var/cache/dnf dnf makecache
# want IndexUpdateAlone error: zypper refresh without an install
RUN zypper -n refresh
# want IndexUpdateAlone error: zypper ref without an install
RUN zypper --gpg-auto-import-keys ref
RUN zypper -n ref && zypper -n in curl
RUN apt-get update
# want IndexUpdateAlone error: apk update without an install
RUN ["apk", "update"]
USER 10001

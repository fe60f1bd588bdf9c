# option rules=BuildToolsInFinal
FROM debian:12 AS build
RUN apt-get install -y build-essential cmake git

FROM debian:12 AS base
# want BuildToolsInFinal warning: apt-get install puts build tools into the shipped image \(stage 2\): gcc, libssl-dev \| use a multi-stage build
RUN apt-get install -y --no-install-recommends gcc libssl-dev ca-certificates

FROM base
COPY --from=build /out /usr/local/bin/
RUN apt-get install -y git
RUN apt-get install -y gcc make && make -C /src && apt-get purge -y --auto-remove gcc make
RUN savedAptMark="$(apt-mark showmanual)"; \
    apt-get install -y gcc libc6-dev; \
    apt-mark auto '.*' > /dev/null; \
    apt-mark manual $savedAptMark; \
    apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false
RUN apt-get install -y dpkg-dev && apt-mark showmanual | xargs apt-mark auto && apt-get purge -y --auto-remove
# want BuildToolsInFinal warning: apt-get install puts build tools.*: gcc \|
RUN apt-get install -y gcc && apt-mark auto gcc
# want BuildToolsInFinal warning: apt-get install puts build tools.*: cmake \|
RUN apt-get install -y cmake
RUN apt-get purge -y cmake
RUN apk add --no-cache --virtual .build-deps build-base linux-headers && make && apk del .build-deps
# want BuildToolsInFinal warning: apk add puts build tools.*: alpine-sdk, go \|
RUN apk add --no-cache alpine-sdk go
# want BuildToolsInFinal warning: dnf install puts build tools.*: gcc-c\+\+, python3-devel, java-17-openjdk-devel \|
RUN dnf install -y gcc-c++ python3-devel java-17-openjdk-devel
# want BuildToolsInFinal warning: yum groupinstall puts build tools.*: @development-tools \|
RUN yum groupinstall -y "Development Tools"
# want BuildToolsInFinal warning: apt-get install puts build tools.*: openjdk-17-jdk-headless, maven \|
RUN apt-get install -y openjdk-17-jdk-headless openjdk-17-jre-headless maven
RUN apt-get install -y udev libdevmapper1.02.1 ./gcc_12_amd64.deb
USER 10001

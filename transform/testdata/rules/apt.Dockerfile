# option rules=AptLists
FROM debian:12
# want AptLists fixed: appended `&& rm -rf /var/lib/apt/lists/\*`
RUN apt-get update && apt-get install -y --no-install-recommends curl
# want AptLists fixed: added `-y --no-install-recommends` after `install`
# want AptLists fixed: appended
RUN apt-get update \
    # a comment inside the continuation
    && apt-get install \
        ca-certificates
# want AptLists error: apt-get update without an install in the same RUN
RUN apt-get update
RUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*
# want AptLists fixed: appended
RUN apt-get update; apt-get -qq install --no-install-recommends jq;
# want AptLists fixed: added `--no-install-recommends` after `install`
RUN apt-get -o Dpkg::Options::=--force-confnew install -y vim
RUN --mount=type=cache,target=/var/lib/apt/lists,sharing=locked apt-get update && apt-get install -y --no-install-recommends make
# want AptLists error: apt-get update leaves the package lists.*not rewritten: heredoc
RUN <<EOF
apt-get update
apt-get install -y --no-install-recommends less
EOF
# want AptLists error: apt-get update leaves the package lists.*not rewritten: exec-form
RUN ["sh", "-c", "apt-get update && apt-get install -y --no-install-recommends file"]
# want AptLists error: apt-get update leaves.*could not be changed safely
RUN apt-get update && apt-get install -y --no-install-recommends tree # trailing shell comment
RUN sudo apt-get install -y --no-install-recommends a \
 && rm -rf /var/lib/apt/lists/*
RUN apt-get update && apt-get install -y --no-install-recommends zip && apt-get dist-clean
RUN apt-get install -s nginx
# want AptLists fixed: added `--no-install-recommends` after `install`
RUN sudo -u root apt-get install -y nano
RUN command -v apt-get
USER 10001

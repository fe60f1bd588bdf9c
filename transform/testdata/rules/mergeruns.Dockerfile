# option rules=MergeRuns,AptLists
# option action=MergeRuns=fix
FROM debian:12 AS tools
# want MergeRuns fixed: 3 consecutive RUNs install apt packages, one layer each \| joined the RUNs on lines 5-8 into one layer
RUN apt-get update
RUN apt-get install -y --no-install-recommends \
      curl
RUN apt-get install -y --no-install-recommends jq && rm -rf /var/lib/apt/lists/*
# not joined: a blank line, then a comment, then another manager
RUN apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*

RUN pip install requests
# want MergeRuns fixed: 2 consecutive RUNs install pip packages
RUN pip install flask
RUN pip3 install --no-cache-dir gunicorn
RUN --mount=type=cache,target=/root/.cache/pip pip install uvicorn
RUN pip install a; pip install b
RUN apk add curl
RUN apk add jq &
RUN npm install -g npm
# not joined: "||" would then also catch the failure of the RUN before
RUN apt-get install -y --no-install-recommends hello || apt-get install -y --no-install-recommends jq
RUN apt-get install -y --no-install-recommends curl

FROM debian:12
COPY --from=tools /usr/bin/curl /usr/bin/curl

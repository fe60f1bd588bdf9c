# option rules=RemoteScriptPipe
FROM debian:12 AS build
# want RemoteScriptPipe warning: RUN pipes curl https://get.example.com straight into sh: the script runs unchecked.* \| download the script to a file, check it against a known digest
RUN curl -fsSL https://get.example.com | sh
# want RemoteScriptPipe warning: RUN pipes wget https://example.com/install.sh straight into bash
RUN wget -qO- https://example.com/install.sh | sudo -E bash -s -- --yes
# want RemoteScriptPipe warning: RUN pipes curl https://example.com/i.sh straight into sh
RUN curl -sSL https://example.com/i.sh | tee /tmp/i.log | sh
# want RemoteScriptPipe warning: RUN pipes curl https://install.python-poetry.org straight into python3
RUN curl -sSL https://install.python-poetry.org | python3 -
# want RemoteScriptPipe warning: RUN pipes curl https://example.com/i.sh straight into sh
RUN echo "abc  i.sh" | sha256sum -c - && curl -sSL https://example.com/i.sh | sh
# want RemoteScriptPipe warning: RUN runs the output of curl https://example.com/i.sh as a sh script
RUN sh -c "$(curl -fsSL https://example.com/i.sh)"
# want RemoteScriptPipe warning: RUN runs the output of wget https://example.com/env as a eval script
RUN eval "$(wget -O - https://example.com/env)"
# want RemoteScriptPipe warning: RUN runs install.sh, downloaded by curl https://example.com/install.sh, without checking its checksum or signature
RUN curl -fsSLo install.sh https://example.com/install.sh && sh install.sh
# want RemoteScriptPipe warning: RUN runs ./get.sh, downloaded by wget https://example.com/get.sh, without
RUN wget -O get.sh https://example.com/get.sh && chmod +x get.sh && ./get.sh
# want RemoteScriptPipe warning: RUN runs /tmp/setup.sh, downloaded by curl https://example.com/setup.sh
RUN sh -c 'curl -fsSL -o /tmp/setup.sh https://example.com/setup.sh && bash /tmp/setup.sh'
# want RemoteScriptPipe warning: RUN pipes curl https://get.example.com straight into sh
RUN ["sh", "-c", "curl -fsSL https://get.example.com | sh"]
RUN curl -fsSL -o ~/miniconda.sh -O https://repo.example.com/Miniconda3-latest-Linux-x86_64.sh
# want RemoteScriptPipe warning: RUN runs ~/miniconda.sh, downloaded by curl https://repo.example.com/Miniconda3-latest-Linux-x86_64.sh on line 25
RUN bash ~/miniconda.sh -b -p /opt/conda
# Checked files, data piped to non-interpreters, and -c scripts are fine.
RUN curl -fsSLo install.sh https://example.com/install.sh \
 && echo "0123abcd  install.sh" | sha256sum -c - \
 && sh install.sh
RUN curl -fsSL https://example.com/app.tgz | tar -xz && curl -fsSL https://example.com/v.json | python3 -c 'import json,sys; print(json.load(sys.stdin))'
RUN curl -fsSL https://example.com/key.asc | gpg --dearmor -o /etc/apt/keyrings/x.gpg
RUN curl -fsSL -o /tmp/x.sh https://example.com/x.sh | sh
RUN curl -fsSL https://example.com/i.sh | sh -c 'cat > /tmp/i.sh' && cat /tmp/i.sh | wc -l
RUN wget https://example.com/x.tgz | sh
RUN curl -fsSL https://example.com/i.sh > /tmp/i.sh && gpg --verify /tmp/i.sh.asc /tmp/i.sh && sh /tmp/i.sh
RUN curl -fsSL https://example.com/i.sh | bash /opt/local-script.sh
RUN bash /opt/local-script.sh "$(curl -fsSL https://example.com/version)"
# want RemoteScriptPipe warning: RUN runs /tmp/r.sh, downloaded by curl https://example.com/r.sh
RUN curl -fsSL https://example.com/r.sh > /tmp/r.sh && bash /tmp/r.sh
RUN awk '{ print "chmod", $1 }' /tmp/table | sh -eux

FROM debian:12 AS unused
RUN curl -fsSL https://get.example.com | sh

FROM scratch
COPY --from=build /opt /opt

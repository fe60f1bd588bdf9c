# option rules=VerificationDisabled
# want VerificationDisabled error: ARG GIT_SSL_NO_VERIFY=false turns off TLS certificate checks
ARG GIT_SSL_NO_VERIFY=false
ARG PYTHONHTTPSVERIFY=1
FROM debian:12 AS build
# want VerificationDisabled error: apt-get --allow-unauthenticated turns off package signature checks.* \| remove it and import the repository's signing key
RUN apt-get update && apt-get install -y --allow-unauthenticated vim
# want VerificationDisabled error: apt-get -o Acquire::https::Verify-Peer=false turns off TLS certificate checks.* \| remove it; if the server uses a private CA
RUN apt-get -o Acquire::https::Verify-Peer=false update
# want VerificationDisabled error: apt-get --force-yes
RUN apt-get install -y --force-yes curl
# want VerificationDisabled error: apt-get -o APT::Get::AllowUnauthenticated=true
RUN apt-get -oAPT::Get::AllowUnauthenticated=true install -y curl
# want VerificationDisabled error: apk --allow-untrusted
RUN apk add --allow-untrusted /tmp/pkg.apk
# want VerificationDisabled error: dnf --nogpgcheck
RUN dnf install -y --nogpgcheck https://example.com/pkg.rpm
# want VerificationDisabled error: yum --setopt=sslverify=false turns off TLS
RUN yum --setopt=sslverify=false install -y vim
# want VerificationDisabled error: rpm --nosignature
RUN rpm -i --nosignature /tmp/pkg.rpm
# want VerificationDisabled error: pip --trusted-host trusts a package host.* \| remove it; serve the index over https
RUN pip install --trusted-host pypi.example.com -r requirements.txt
# want VerificationDisabled error: python3 --trusted-host=pypi.org trusts
RUN python3 -m pip install --trusted-host=pypi.org requests
# want VerificationDisabled error: curl -fskSL turns off TLS certificate checks
RUN curl -fskSL https://example.com/x -o /tmp/x
# want VerificationDisabled error: curl --insecure
RUN curl --insecure -o /tmp/x https://example.com/x
# want VerificationDisabled error: wget --no-check-certificate
RUN wget --no-check-certificate -qO /tmp/x https://example.com/x
# want VerificationDisabled error: npm config set strict-ssl false
RUN npm config set strict-ssl false && npm ci
# want VerificationDisabled error: yarn config set strict-ssl false
RUN yarn config set strict-ssl false
# want VerificationDisabled error: npm --strict-ssl=false
RUN npm install --strict-ssl=false
# want VerificationDisabled error: git -c http.sslVerify=false
RUN git -c http.sslVerify=false clone https://git.example.com/repo.git
# want VerificationDisabled error: git config http.sslverify false
RUN git config --global http.sslverify false
# want VerificationDisabled error: git config http.https://git.example.com/.sslVerify false
RUN git config --global http.https://git.example.com/.sslVerify false
# want VerificationDisabled error: NODE_TLS_REJECT_UNAUTHORIZED=0 turns off
RUN NODE_TLS_REJECT_UNAUTHORIZED=0 npm ci
# want VerificationDisabled error: PYTHONHTTPSVERIFY=0
RUN export PYTHONHTTPSVERIFY=0 && python3 fetch.py
# want VerificationDisabled error: PIP_TRUSTED_HOST=pypi.example.com
RUN env PIP_TRUSTED_HOST=pypi.example.com pip install x
# want VerificationDisabled error: GIT_SSL_NO_VERIFY=1 turns off
RUN sudo -u app env GIT_SSL_NO_VERIFY=1 git clone https://git.example.com/repo.git
RUN env A=1 node app.js NODE_TLS_REJECT_UNAUTHORIZED=0
# want VerificationDisabled error: GIT_SSL_NO_VERIFY=\$X
RUN GIT_SSL_NO_VERIFY=$X git clone https://git.example.com/repo.git
# want VerificationDisabled error: echo writes an apt source with \[trusted=yes\], which turns off package signature checks
RUN echo "deb [trusted=yes] https://apt.example.com stable main" > /etc/apt/sources.list.d/x.list
# want VerificationDisabled error: echo writes apt's verify-peer "false", which
RUN echo 'Acquire::https::Verify-Peer "false";' > /etc/apt/apt.conf.d/99insecure
# want VerificationDisabled error: curl -k
RUN sh -c 'curl -k https://example.com/x | tar -x'
# want VerificationDisabled error: curl -k
RUN ["curl", "-k", "-o", "/tmp/x", "https://example.com/x"]
# want VerificationDisabled error: helm --insecure-skip-tls-verify
RUN helm repo add x https://charts.example.com --insecure-skip-tls-verify
# want VerificationDisabled error: conda config --set ssl_verify false
RUN conda config --set ssl_verify false
# want VerificationDisabled error: ENV NODE_TLS_REJECT_UNAUTHORIZED=0 turns off TLS certificate checks
ENV NODE_TLS_REJECT_UNAUTHORIZED=0
# want VerificationDisabled error: ENV PIP_TRUSTED_HOST=pypi.example.com trusts a package host
ENV PIP_TRUSTED_HOST=pypi.example.com
# want VerificationDisabled error: ENV GOSUMDB=off turns off Go's checksum database
ENV GOSUMDB=off GOPRIVATE=git.example.com
# want VerificationDisabled error: ARG PYTHONHTTPSVERIFY=0
ARG PYTHONHTTPSVERIFY=0
# want VerificationDisabled error: ENV NPM_CONFIG_STRICT_SSL=false
ENV NPM_CONFIG_STRICT_SSL=false
# Verified downloads and look-alikes are fine.
RUN curl -fsSL -o /tmp/x https://example.com/x && curl -H "X-Key: k" https://example.com/y
RUN curl -o -k https://example.com/x && curl -fsSLokfile https://example.com/z
RUN apt-get -o Acquire::https::Verify-Peer=true update && apt-get install -y --no-install-recommends curl
RUN echo "deb [trusted=yes] file:///tmp/repo ./" > /etc/apt/sources.list.d/local.list
RUN echo "deb [signed-by=/etc/apt/keyrings/x.gpg] https://apt.example.com stable main" > /etc/apt/sources.list.d/x.list
RUN git config --global http.sslVerify true && git -c http.sslCAInfo=/etc/ssl/ca.pem clone https://x/r.git
RUN PYTHONHTTPSVERIFY=0; python3 fetch.py
RUN npm config set registry https://registry.example.com && pip install --index-url https://pypi.example.com/simple x
ENV NODE_TLS_REJECT_UNAUTHORIZED=1 PIP_INDEX_URL=https://pypi.example.com/simple
ENV PIP_TRUSTED_HOST=
ARG NODE_TLS_REJECT_UNAUTHORIZED

FROM debian:12 AS unused
RUN curl -k https://example.com

FROM scratch
COPY --from=build /tmp/x /x

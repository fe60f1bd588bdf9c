# option rules=PackageCache
FROM python:3.12-slim AS base
# want PackageCache fixed: pip install without --no-cache-dir keeps the downloaded packages in ~/.cache/pip in the layer \| added `--no-cache-dir` after `install`
RUN pip install requests
RUN pip install --no-cache-dir requests
RUN pip --no-cache-dir install requests
# want PackageCache fixed: pip3 install without --no-cache-dir
RUN pip3 install -r requirements.txt
# want PackageCache fixed: pip install without --no-cache-dir
RUN python3 -m pip install --upgrade pip
# want PackageCache fixed: pip install without --no-cache-dir
RUN /opt/venv/bin/python -mpip install flask
RUN pip install flask && rm -rf /root/.cache/pip
RUN pip install flask && rm -rf ~/.cache
RUN pip install flask && pip cache purge
# want PackageCache fixed: pip install
RUN pip cache purge && pip install flask
RUN --mount=type=cache,target=/root/.cache/pip pip install flask
RUN --mount=type=cache,target=/home/app/.cache pip install flask
RUN PIP_NO_CACHE_DIR=1 pip install flask
RUN export PIP_NO_CACHE_DIR=1 && pip install flask
RUN env PIP_NO_CACHE_DIR=1 pip install flask
RUN pip download flask && pip wheel flask && pip list
# want PackageCache warning: pip install without --no-cache-dir.*inside a quoted `sh -c` string
RUN bash -c 'pip install flask'
# want PackageCache fixed: pip install
# want PackageCache fixed: pip install
RUN pip install a && \
    pip install b
ENV PIP_CACHE_DIR=/var/pip
RUN --mount=type=cache,target=/var/pip pip install flask

FROM base AS quiet
ENV PIP_NO_CACHE_DIR=1
RUN pip install flask

FROM quiet
RUN pip install gunicorn

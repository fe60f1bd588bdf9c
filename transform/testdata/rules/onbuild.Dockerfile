# option rules=UnsafeAdd,RemoteScriptPipe,RootUser
# want UnsafeAdd error: the ONBUILD trigger `ADD http://example\.com/tool\.tgz /opt/` of python:3-onbuild: ADD downloads http://example\.com/tool\.tgz without verifying it
# want RemoteScriptPipe warning: the ONBUILD trigger `RUN curl -fsSL https://example\.com/install\.sh \| sh` of python:3-onbuild:
FROM python:3-onbuild AS app
USER 10001

# A stage built from a stage: the triggers ran where that stage was built.
FROM app
USER 10001

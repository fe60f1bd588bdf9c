# option rules=LargeBaseImage
# option target=app
FROM ruby:3.3-slim AS deps
# want LargeBaseImage warning: the shipped image is based on ruby, the full variant.*\| use the smaller variant ruby:slim
FROM ruby AS app
USER 10001

FROM ruby:3.3-slim
USER 10001

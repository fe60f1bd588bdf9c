# option rules=LargeBaseImage
FROM python:3.12 AS unused
FROM maven:3.9-eclipse-temurin-21 AS build
FROM node:20-bookworm-slim AS a
FROM php:8.3-apache AS b
FROM ghcr.io/example/python:3.12 AS c
FROM python@sha256:4f2b1a3c58e4b0d5e3a0a1c19c6c7f0a0a2c6a1e4b5f6a7b8c9d0e1f2a3b4c5d AS d
FROM python:3.12-windowsservercore-ltsc2022 AS e
FROM eclipse-temurin:21-jre AS f
FROM openjdk:17-oraclelinux8 AS g
FROM python:3.12-alpine3.20 AS h
FROM scratch AS i
FROM python:3.12-slim
COPY --from=build /app.jar /app.jar
COPY --from=a / /a
COPY --from=b / /b
COPY --from=c / /c
COPY --from=d / /d
COPY --from=e / /e
COPY --from=f / /f
COPY --from=g / /g
COPY --from=h / /h
COPY --from=i / /i
USER 10001

"""Public data platform (公共数据平台): data catalogue, access grants, sharing gateway, access log.

Other apps ask for data only through ``gateway.gateway_fetch`` and change grants only through
``services``; registries are reached only through ``providers.get_provider``.
"""

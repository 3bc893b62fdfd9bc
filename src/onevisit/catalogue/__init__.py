"""The service catalogue (服务目录): matters, their materials, bundles (一件事), certificate types."""

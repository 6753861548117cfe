"""Networks' wire formats written from the network's side: the inverse of each webhook parser.

The sandbox network sends what these build, and tests use them to make deliveries.
"""

"""Help between peers (issue 13 §3): the help board, peers visible to each other, peer circles
and the register of pooled resources."""

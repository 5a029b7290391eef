//! The sandbox server's command line.

fn main() {}

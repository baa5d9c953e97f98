package io.nowserving.backend; class Main { public static void main(String[] a){} }
